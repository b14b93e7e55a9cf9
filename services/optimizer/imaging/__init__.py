"""The optimizer's image work, all on the CPU and free of I/O: `pipeline` runs `source` (decode
once, pyramid), `focus` (faces, saliency, text), `framing` (smart crop, fit), `encoding` (formats,
byte-limit search, SSIM), `checks` and `preview` for every asked platform format."""
