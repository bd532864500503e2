"""Watch: each episode's barrier and enabler versions, one after the other or side by side, with cards to notice and discuss."""
