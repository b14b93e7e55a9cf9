"""Vision providers: a caption and labels for an image, one module per vendor behind the
`VisionProvider` port (`base.py`), listed in `registry.py`."""
