"""samverka: run the meetings where employer and unions develop their local cooperation agreement."""

__version__ = "0.1.0"
