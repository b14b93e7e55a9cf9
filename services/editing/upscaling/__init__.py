"""`upscale.auto`: measuring the source, choosing the mode, and finishing the output to the
preset's size, format and dpi."""
