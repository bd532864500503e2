"""The screens of the window, one module each: title, picker, prebrief, play, pause and the rest."""
