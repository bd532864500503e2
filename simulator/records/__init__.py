"""What lasts: playthrough records (JSON) and the local store of playthroughs."""
