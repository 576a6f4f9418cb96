"""``tsunagu line rich-menu``: print the LINE rich menu's definition, or upload it (with its image) and make
it every user's default menu. docs/line.md, step 6, walks the operator through it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["add_line_parser", "upload_rich_menu", "blob_base"]

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def blob_base(api_base: str) -> str:
    """Where LINE takes uploads (rich menu images): ``api-data.line.me`` for the real API, else the same base."""
    return api_base.replace("://api.line.me", "://api-data.line.me")


def upload_rich_menu(definition: dict, image: Path, access_token: str, api_base: str) -> str:
    """Create the menu, upload its image, make it the default; returns the rich menu id."""
    from linebot.v3.messaging import (
        ApiClient,
        Configuration,
        MessagingApi,
        MessagingApiBlob,
        RichMenuRequest,
    )

    request = RichMenuRequest.from_dict(definition)
    with ApiClient(Configuration(host=api_base.rstrip("/"), access_token=access_token)) as client:
        menu_id = MessagingApi(client).create_rich_menu(request).rich_menu_id
    with ApiClient(Configuration(host=blob_base(api_base).rstrip("/"), access_token=access_token)) as client:
        MessagingApiBlob(client).set_rich_menu_image(
            menu_id, body=bytearray(image.read_bytes()), _headers={"Content-Type": IMAGE_TYPES[image.suffix.lower()]}
        )
    with ApiClient(Configuration(host=api_base.rstrip("/"), access_token=access_token)) as client:
        MessagingApi(client).set_default_rich_menu(menu_id)
    return menu_id


def cmd_rich_menu(args) -> int:
    from connectors.line.cards import rich_menu
    from connectors.settings import get_settings

    definition = rich_menu()
    if not args.upload:
        json.dump(definition, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    settings = get_settings()
    if not settings.line_channel_access_token:
        print("TSUNAGU_LINE_CHANNEL_ACCESS_TOKEN is not set: see docs/line.md, step 3.", file=sys.stderr)
        return 2
    image = Path(args.image or "")
    if not args.image or not image.is_file() or image.suffix.lower() not in IMAGE_TYPES:
        print(
            "--upload needs --image PATH: a 2500 x 843 PNG or JPEG of at most 1 MB (docs/line.md, step 6).",
            file=sys.stderr,
        )
        return 2
    menu_id = upload_rich_menu(definition, image, settings.line_channel_access_token, settings.line_api_base)
    print(f"Rich menu {menu_id} uploaded and set as the default for every user.")
    return 0


def add_line_parser(commands) -> None:
    line = commands.add_parser("line", help="LINE Official Account set-up (rich menu)")
    sub = line.add_subparsers(dest="line_command", required=True, metavar="LINE_COMMAND")
    menu = sub.add_parser("rich-menu", help="print the rich menu's JSON, or --upload it with --image")
    menu.add_argument("--upload", action="store_true", help="create it on LINE and make it the default menu")
    menu.add_argument("--image", help="the menu's image (2500 x 843 PNG or JPEG, at most 1 MB)")
    menu.set_defaults(func=cmd_rich_menu)
