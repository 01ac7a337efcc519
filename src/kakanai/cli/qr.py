"""`kakanai qr make|read|decode`: the pre-entry QR code (docs/qr-format.md).

    kakanai qr make RECEPTION.json --out FILE.png [--json] [--max-version N] [--module-px N]
    kakanai qr read IMAGE [IMAGE…] [--json]
    kakanai qr decode TEXT [TEXT…] [--json]        (TEXT "-": one scan a line from standard input)

`read` and `decode` print the reception JSON (what `kakanai plan` takes). A code that cannot be used exits
3 with {"error": {"code": …}} (--json), the code being one of kakanai.qr.QrErrorCode. What a code carries
is the resident's (or anyone's) text: printed through common.json_text and common.terminal_safe, so a
control or bidi character in it reaches the terminal as its visible escape, never as itself. The fact ids and
values are checked against the rule catalog (kakanai.rules), which kakanai.qr itself may not import.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kakanai.cli.common import (
    EXIT_DOMAIN,
    CliError,
    output_failure,
    print_json,
    read_text_file,
    terminal_safe,
)

if TYPE_CHECKING:
    from kakanai.model import Reception
    from kakanai.qr import QrError


def register(sub: Any) -> None:
    qr = sub.add_parser("qr", help="事前入力の二次元コードを作成・読み取ります")
    qr.set_defaults(handler=lambda _args: _usage(qr))
    commands = qr.add_subparsers(dest="qr_command", parser_class=type(qr))

    make = commands.add_parser("make", help="受付データから二次元コード（PNG）を作ります")
    make.add_argument("reception", help="受付データ（JSON）のファイル。- で標準入力")
    make.add_argument("--out", required=True, help="出力する PNG。分割されるときは FILE-1.png, FILE-2.png, …")
    make.add_argument("--json", action="store_true", help="作ったファイルを JSON で出力")
    make.add_argument("--max-version", type=int, default=25, help="1枚のコードの最大バージョン（既定 25）")
    make.add_argument("--module-px", type=int, default=8, help="1モジュールのピクセル数（既定 8）")
    make.set_defaults(handler=run_make)

    read = commands.add_parser("read", help="画像から二次元コードを読み取り、受付データを出力します")
    read.add_argument("images", nargs="+", help="画像ファイル（PNG, JPEG など。分割されたコードは全部）")
    read.add_argument("--json", action="store_true", help="誤りを JSON で出力")
    read.set_defaults(handler=run_read)

    decode = commands.add_parser("decode", help="スキャナが読み取った文字列から受付データを出力します")
    decode.add_argument("texts", nargs="+", help="読み取った文字列（分割されたコードは全部）。- で標準入力（1行1件）")
    decode.add_argument("--json", action="store_true", help="誤りを JSON で出力")
    decode.set_defaults(handler=run_decode)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _validator() -> Callable[[Reception], None]:
    from kakanai.cli.plan import load_book

    book = load_book(None)
    validate: Callable[[Reception], None] = book.validate_reception
    return validate


def _qr_failure(exc: QrError) -> CliError:
    return CliError(exc.code.value, exc.message, EXIT_DOMAIN, **exc.extra)


def _part_path(out: Path, number: int, count: int) -> Path:
    return out if count == 1 else out.with_name(f"{out.stem}-{number}{out.suffix}")


def run_make(args: argparse.Namespace) -> int:
    from kakanai.cli.plan import read_reception_text, reception_failure
    from kakanai.fileout import OutputError, check_file_target, write_file
    from kakanai.model import ReceptionError
    from kakanai.qr import QrEncodeError, encode_reception
    from kakanai.qr.image import make_symbol, png_bytes, render_symbol

    if args.module_px < 1 or args.module_px > 40:
        raise CliError("bad_option", f"--module-px は1から40です（{args.module_px}）")
    if not args.out.strip():
        raise CliError("unwritable", "--out が空です。書き出す PNG ファイルを指定してください")
    try:  # before the work: a folder, "out/", a device
        out = check_file_target(args.out, "--out のファイル")
    except OutputError as exc:
        raise output_failure(exc) from None
    reception, text = read_reception_text(args.reception)
    try:
        encoded = encode_reception(reception, max_version=args.max_version, validate=_validator())
    except ReceptionError as exc:
        raise reception_failure(exc, args.reception, text) from None
    except QrEncodeError as exc:
        exit_code = EXIT_DOMAIN if exc.code == "too_large" else 2
        raise CliError(exc.code, exc.message, exit_code) from None
    files: list[dict[str, Any]] = []
    images: list[tuple[Path, bytes]] = []
    count = len(encoded.texts)
    for number, text in enumerate(encoded.texts, start=1):
        symbol = make_symbol(text)
        path = _part_path(out, number, count)
        images.append((path, png_bytes(render_symbol(symbol, module_px=args.module_px))))
        files.append({"path": str(path), "part": number, "count": count, "version": symbol.version,
                      "modules": symbol.size, "chars": len(text), "text": text})
    written: list[Path] = []
    try:
        for path, data in images:  # each file atomic; a failed set leaves none of its new parts behind
            written.append(write_file(path, data, what="--out のファイル"))
    except OutputError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise output_failure(exc) from None
    if args.json:
        print_json({"set_id": encoded.set_hex, "count": count, "document_bytes": encoded.document_size,
                    "compressed_bytes": encoded.compressed_size, "files": files})
    else:
        for entry in files:
            sys.stdout.write(f"{entry['path']}\n")
    return 0


def _print_reception(reception: Reception) -> int:
    from kakanai.model import reception_to_dict

    print_json(reception_to_dict(reception))
    return 0


def run_decode(args: argparse.Namespace) -> int:
    from kakanai.qr import QrError, decode_texts

    texts: list[str] = []
    for text in args.texts:
        if text == "-":  # bytes decoded as UTF-8 like a file (read_text_file), never the locale's encoding
            texts += [line for line in read_text_file("-", "読み取った文字列").splitlines() if line.strip()]
        else:
            texts.append(text)
    try:
        return _print_reception(decode_texts(texts, validate=_validator()))
    except QrError as exc:
        raise _qr_failure(exc) from None


def run_read(args: argparse.Namespace) -> int:
    from kakanai.qr import QrError, QrErrorCode, decode_parts, parse_part
    from kakanai.qr.image import ImageError, decode_image, load_image

    found: list[tuple[str, str]] = []  # (file, text)
    empty: list[str] = []
    for name in args.images:
        try:
            image = load_image(Path(name))
        except ImageError as exc:
            raise CliError("unreadable", str(exc)) from None
        texts = [code.text for code in decode_image(image)]
        found += [(name, text) for text in texts]
        if not texts:
            empty.append(name)
    try:
        if not found:
            raise QrError(QrErrorCode.NO_CODE_FOUND, f"二次元コードが見つかりません（{', '.join(empty)}）",
                          files=empty)
        parts, foreign = [], []
        for name, text in found:
            try:
                parts.append(parse_part(text))
            except QrError as exc:
                if exc.code is not QrErrorCode.NOT_KAKANAI:
                    raise QrError(exc.code, f"{name}: {exc.message}", **exc.extra) from None
                foreign.append(exc)
        if not parts:  # only other codes (a URL, a payment code): say so rather than "nothing found"
            raise foreign[0]
        reception = decode_parts(parts, validate=_validator())
    except QrError as exc:
        if exc.code is QrErrorCode.MISSING_PARTS and empty:
            exc = QrError(exc.code, f"{exc.message}（コードが見つからない画像: {', '.join(empty)}）", **exc.extra)
        raise _qr_failure(exc) from None
    for name in empty:
        sys.stderr.write(f"kakanai: {terminal_safe(name)} には二次元コードが見つかりませんでした（他の画像で揃っています）\n")
    return _print_reception(reception)
