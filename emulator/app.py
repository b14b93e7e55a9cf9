"""The emulator's app: each provider's API under its own prefix, and the control API.

/stability/...    base URL of Stability     (https://api.stability.ai)
/wavespeed/...    base URL of WaveSpeed     (https://api.wavespeed.ai) + /api/v3
/huggingface/...  base URL of HF Inference  (https://router.huggingface.co) + /hf-inference
                  (text to image; image-to-text and classification: `huggingface_vision`)
/google/...       base URL of Gemini API    (https://generativelanguage.googleapis.com) + /v1beta
/openai/...       base URL of OpenAI        (https://api.openai.com) + /v1 (text to speech)

PUT  /_emulator/{provider}   set its behaviour (latency, faults)
GET  /_emulator/calls        what it was asked (?provider=)
POST /_emulator/reset        forget behaviours and calls
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from emulator import (
    KEYS,
    google,
    huggingface,
    huggingface_vision,
    openai,
    stability,
    stability_3d,
    stability_edit,
    wavespeed,
)
from emulator.behaviour import Behaviour, Script


def create_app() -> Starlette:
    script = Script()

    async def set_behaviour(request: Request) -> Response:
        provider = request.path_params["provider"]
        if provider not in KEYS:
            return JSONResponse({"error": f"unknown provider {provider}"}, status_code=404)
        script.set(provider, Behaviour.model_validate(await request.json()))
        return JSONResponse(script.behaviours[provider].model_dump())

    async def calls(request: Request) -> Response:
        provider = request.query_params.get("provider")
        chosen = [c for c in script.calls if provider in (None, c.provider)]
        return JSONResponse([call.model_dump() for call in chosen])

    async def reset(_: Request) -> Response:
        script.reset()
        return Response(status_code=204)

    return Starlette(
        routes=[
            Route("/_emulator/calls", calls, methods=["GET"]),
            Route("/_emulator/reset", reset, methods=["POST"]),
            Route("/_emulator/{provider}", set_behaviour, methods=["PUT"]),
            Mount(
                "/stability",
                routes=stability.routes(script)
                + stability_edit.routes(script)
                + stability_3d.routes(script),
            ),
            Mount("/wavespeed", routes=wavespeed.routes(script)),
            Mount(
                "/huggingface",
                routes=huggingface_vision.routes(script) + huggingface.routes(script),
            ),
            Mount("/google", routes=google.routes(script)),
            Mount("/openai", routes=openai.routes(script)),
        ]
    )


def provider_env(base_url: str) -> dict[str, str]:
    """Settings that point the generation, editing and transform services at an emulator
    serving on `base_url` (each at the providers it calls)."""
    urls = {
        "STABILITY": f"{base_url}/stability",
        "WAVESPEED": f"{base_url}/wavespeed/api/v3",
        "HUGGINGFACE": f"{base_url}/huggingface/hf-inference",
        "GOOGLE": f"{base_url}/google/v1beta",
        "OPENAI": f"{base_url}/openai/v1",
    }
    keys = {name.upper(): key for name, key in KEYS.items()}
    env: dict[str, str] = {}
    for service, providers in SERVICES_PROVIDERS.items():
        for name in providers:
            env[f"{service}_{name}__BASE_URL"] = urls[name]
            env[f"{service}_{name}__API_KEY"] = keys[name]
    env["LIBRARY_VISION__BASE_URL"] = urls["HUGGINGFACE"]  # on with LIBRARY_VISION__PROVIDER
    env["LIBRARY_VISION__API_KEY"] = keys["HUGGINGFACE_VISION"]
    return env


SERVICES_PROVIDERS = {
    "GENERATION": ("STABILITY", "WAVESPEED", "HUGGINGFACE", "GOOGLE"),
    "EDITING": ("STABILITY", "GOOGLE"),
    "TRANSFORM": ("WAVESPEED", "STABILITY", "OPENAI"),
}
