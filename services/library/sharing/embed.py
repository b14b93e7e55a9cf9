"""Embed codes: a `<picture>` snippet showing a shared asset on another site, with its platform
renditions as `srcset` candidates by width (a `<source>` per other format, such as WebP)."""

from html import escape

from contracts.http.assets import AssetPublic
from services.library.sharing.views import Link


def embed_snippet(
    asset: AssetPublic, renditions: list[AssetPublic], link: Link, base_url: str
) -> str:
    """The HTML; every value in it escaped."""
    base = base_url.rstrip("/")
    sized = [r for r in renditions if r.width and r.content_type.startswith("image/")]
    same = [asset, *(r for r in sized if r.format == asset.format)]
    others = sorted({r.content_type for r in sized if r.format != asset.format})
    lines = ["<picture>"]
    for content_type in others:
        candidates = [r for r in sized if r.content_type == content_type]
        lines.append(
            f'  <source type="{_attr(content_type)}" '
            f'srcset="{_srcset(candidates, link, base)}" sizes="100vw">'
        )
    size = f' width="{asset.width}" height="{asset.height}"' if asset.width else ""
    lines.append(
        f'  <img src="{_attr(base + link.content(asset.id))}" '
        f'srcset="{_srcset(same, link, base)}" sizes="100vw"{size} '
        f'alt="{_attr(_alt(asset))}" loading="lazy" decoding="async">'
    )
    lines.append("</picture>")
    return "\n".join(lines)


def _srcset(assets: list[AssetPublic], link: Link, base: str) -> str:
    """`url 1080w, …`, narrowest first, one candidate per width."""
    by_width = {a.width: a for a in reversed(assets) if a.width}
    return _attr(", ".join(f"{base}{link.content(by_width[w].id)} {w}w" for w in sorted(by_width)))


def _alt(asset: AssetPublic) -> str:
    return (asset.title or asset.prompt or asset.description or "").strip()[:300]


def _attr(value: str) -> str:
    return escape(value, quote=True)
