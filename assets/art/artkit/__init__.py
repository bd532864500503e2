"""Drawing toolkit for Doorstep's illustrations (see ../build_art.py)."""
