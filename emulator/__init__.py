"""A provider emulator for tests and benchmarks (never part of the production services): one HTTP
server speaking the Stability, WaveSpeed, Hugging Face and Google APIs as documented in
`docs/providers.md`, validating requests as those APIs do, returning real images,
videos and 3D models, and injecting latency and faults on command (`/_emulator/...`)."""

KEYS = {
    "stability": "sk-emulator-key",
    "wavespeed": "ws-emulator-key",
    "huggingface": "hf_emulator_key",
    "huggingface_vision": "hf_emulator_key",
    "google": "AIza-emulator-key",
    "openai": "sk-openai-emulator-key",
}
"""The API key each emulated provider accepts."""
