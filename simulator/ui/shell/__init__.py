"""The shell: the screens around a playthrough. The title, the case picker, the prebrief and the worker's name, the settings, and the pause menu."""
