"""Full screens: the main screen of a meeting (main.py) and the session picker (picker.py), each imported
where it is used: the picker is not needed to open a session."""
