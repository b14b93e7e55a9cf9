"""Image providers: one module per vendor or engine, behind the `TextToImage` port."""
