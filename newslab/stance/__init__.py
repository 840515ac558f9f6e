"""What each source says about the people and bodies it names (the ``stances`` table)."""
