"""Play: a playthrough on screen. The moment (place, people, what is said, the choice), the coach's feedback, a new episode's card, the history and the ending."""
