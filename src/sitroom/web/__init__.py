"""The situation room page: template, plain JS and CSS (no build step), the offline basemap,
and where the packaged Leaflet files are (PyPI xstatic packages, served from site-packages)."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def vendor_dirs() -> dict[str, Path]:
    """URL prefix under /vendor -> folder of a packaged JS library."""
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return {"leaflet": Path(leaflet.BASE_DIR), "markercluster": Path(markercluster.BASE_DIR)}


def swagger_dir() -> Path | None:
    """Swagger UI's files when the swagger-ui-bundle package is installed (the /docs page)."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)
