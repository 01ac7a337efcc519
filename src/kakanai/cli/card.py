"""`kakanai card readers|read|simulate`: the My Number card from the command line.

The PIN is never taken from argv (it would sit in the shell history and in `ps`): `--pin-stdin`
reads one line from standard input, otherwise it is prompted for without echo, after the card said
how many tries are left. Errors exit 3 with {"error": {"code", "message", "tries_left"}} under --json.
"""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any, TextIO

from kakanai.cli.common import EXIT_BAD_INPUT, EXIT_DOMAIN, CliError, output_failure, print_json, write_output
from kakanai.oserror_text import os_reason


def register(sub: Any) -> None:
    card = sub.add_parser("card", help="マイナンバーカード（券面事項入力補助AP）の読み取り")
    card.set_defaults(handler=_help(card))
    csub = card.add_subparsers(dest="card_command")

    readers = csub.add_parser("readers", help="カードリーダーの一覧")
    readers.add_argument("--json", action="store_true", help="JSONで出力")
    readers.set_defaults(handler=run_readers)

    read = csub.add_parser(
        "read", help="マイナンバーカード・運転免許証・在留カード・特別永住者証明書から氏名・住所・生年月日などを読み取ります"
    )
    source = read.add_mutually_exclusive_group()
    source.add_argument(
        "--reader", metavar="NAME", help="カードリーダー名（既定: カードのあるリーダー。2台以上にカードがあれば読み取りません）"
    )
    source.add_argument(
        "--simulate", metavar="PROFILE.json", help="模擬カード（プロファイルJSON）から読み取ります"
    )
    read.add_argument(
        "--kind",
        choices=["mynumber", "driving_licence", "residence_card"],
        help="カードの種類（既定: カードから判定。模擬カードはプロファイルの kind）",
    )
    read.add_argument(
        "--card-number", metavar="AB12345678CD", help="在留カード・特別永住者証明書の券面の番号（12文字）"
    )
    read.add_argument(
        "--trust-store",
        metavar="DIR",
        help="在留カードの署名を検証する発行者証明書のフォルダ（既定: 環境変数 KAKANAI_CARD_TRUST_STORE）",
    )
    read.add_argument("--pin-stdin", action="store_true", help="暗証番号を標準入力の1行から読みます")
    read.add_argument("--match-b", action="store_true", help="暗証番号の代わりに照合番号B（14桁）を使います")
    read.add_argument(
        "--confirm-last-try", action="store_true", help="残り1回でも照合します（職員が確認済みの場合のみ）"
    )
    read.add_argument("--trace", metavar="FILE", help="APDUの記録をファイルに書きます（暗証番号は伏せ字）")
    read.add_argument("--json", action="store_true", help="JSONで出力")
    read.set_defaults(handler=run_read)

    sim = csub.add_parser("simulate", help="模擬カードを仮想リーダー（vpcd）に挿入し続けます")
    sim.add_argument("profile", metavar="PROFILE.json", help="模擬カードのプロファイル")
    sim.add_argument("--vpcd", metavar="HOST:PORT", default="127.0.0.1:35963", help="vpcd の接続先")
    sim.add_argument("--trace", metavar="FILE", help="APDUの記録をファイルに書きます（暗証番号は伏せ字）")
    sim.set_defaults(handler=run_simulate)


def _help(parser: argparse.ArgumentParser) -> Any:
    def show(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT

    return show


def run_readers(args: argparse.Namespace) -> int:
    from kakanai.card import CardError
    from kakanai.card.pcsc import reader_status

    try:
        readers = reader_status()
    except CardError as exc:
        raise _card_cli_error(exc) from None
    if args.json:
        print_json({"readers": [{"name": r.name, "card_present": r.card_present} for r in readers]})
    elif not readers:
        sys.stdout.write("カードリーダーがありません\n")
    else:
        for r in readers:
            sys.stdout.write(f"{r.name}\t{'カードあり' if r.card_present else 'カードなし'}\n")
    return 0


def run_read(args: argparse.Namespace) -> int:
    from kakanai.card import CardError, KeyKind, StaticPin
    from kakanai.card.anycard import RESIDENCE_KINDS, read_any_card
    from kakanai.card.pin import PinHandler
    from kakanai.card.reading import CardKind

    kind = KeyKind.MATCH_B if args.match_b else KeyKind.PIN
    open_connection, simulated_kind = _opener(args)
    card_kind = CardKind(args.kind) if args.kind else simulated_kind
    if card_kind in RESIDENCE_KINDS and not args.card_number:
        raise CliError("missing_card_number", "在留カード・特別永住者証明書には --card-number（券面の12文字）が必要です。")
    handler: PinHandler
    if card_kind in RESIDENCE_KINDS:
        handler = StaticPin("")  # the card number is the key: no PIN is asked or read from stdin
    elif args.pin_stdin:
        secret = sys.stdin.readline().rstrip("\r\n")
        if not secret:
            raise CliError("missing_pin", f"標準入力に{kind.label}がありません。")
        handler = _AnnouncedPin(StaticPin(secret, confirm_last_try=args.confirm_last_try))
    else:
        handler = _PromptPin(confirm_last_try=args.confirm_last_try)
    if args.trace is not None:
        _check_trace_target(args.trace)  # before the card is touched (a PIN try is not spent for nothing)
    trace_buffer = io.StringIO() if args.trace is not None else None
    try:
        from kakanai.card.trace import TraceWriter

        trace = TraceWriter(trace_buffer) if trace_buffer is not None else None
        info = read_any_card(
            open_connection,
            handler,
            trace=trace,
            kind=card_kind,
            card_number=args.card_number,
            key_kind=kind,
            verify_signature=_signature_verifier(args.trust_store),
        )
    except CardError as exc:
        raise _card_cli_error(exc) from None
    finally:
        if trace_buffer is not None:  # the trace of a failed read is the one most wanted: written either way
            write_output(args.trace, trace_buffer.getvalue().encode("ascii"), "--trace")
    if args.json:
        print_json(info.to_dict())
    else:
        _print_reading(info)
    return 0


def _signature_verifier(directory: str | None) -> Any:
    import os

    directory = directory or os.environ.get("KAKANAI_CARD_TRUST_STORE")
    if not directory:
        return None
    from kakanai.card.signature import TrustStore, TrustStoreError, verifier

    try:
        return verifier(TrustStore.load(directory))
    except TrustStoreError as exc:
        raise CliError("bad_trust_store", str(exc)) from None


def _print_reading(info: Any) -> None:
    from kakanai.model.wareki import format_wareki

    birth = f"{info.birth_date.isoformat()}（{format_wareki(info.birth_date)}）" if info.birth_date else "（カードにありません）"
    lines = [
        f"種類\t{info.kind.label}",
        f"氏名\t{info.name or '（読み取れません）'}",
        f"住所\t{info.address or '（カードに文字がありません）'}",
        f"生年月日\t{birth}",
        f"性別\t{info.sex.label if info.sex else '（カードにありません: 確認してください）'}",
    ]
    if info.nationality:
        lines.append(f"国籍・地域\t{info.nationality}")
    lines += [f"要確認\t{u.field}（{'文字認識' if u.reason.value == 'ocr' else '外字'}）" for u in info.unconfirmed]
    lines += [f"注意\t{note}" for note in info.notes]
    if info.signature is not None:
        lines.append(f"署名\t{info.signature.status}（{info.signature.detail}）")
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def _opener(args: argparse.Namespace) -> tuple[Any, Any]:
    """The connection factory, and the card kind when the simulator already knows it (else detected)."""
    if args.simulate:
        from kakanai.card.simulator import InProcessConnection, ProfileError
        from kakanai.card.simulator.kinds import load_any_profile, profile_kind

        try:
            profile = load_any_profile(args.simulate)
        except ProfileError as exc:
            raise CliError("bad_profile", str(exc)) from None
        return (lambda: InProcessConnection(profile)), profile_kind(profile)
    from kakanai.card.pcsc import connect

    reader = args.reader
    return (lambda: connect(reader)), None


def _check_trace_target(path: str) -> None:
    from kakanai.fileout import OutputError, check_file_target

    try:
        check_file_target(path, "--trace のファイル")
    except OutputError as exc:
        raise output_failure(exc) from None


def _open_trace(path: str | None) -> TextIO | None:
    """The simulator's trace is written as it goes (it runs until stopped), to a checked regular file."""
    if path is None:
        return None
    _check_trace_target(path)
    try:
        return open(path, "w", encoding="ascii")
    except OSError as exc:
        raise CliError("unwritable", f"APDUの記録ファイルを開けません: {path}（{os_reason(exc, path)}）") from None


def _card_cli_error(exc: Any) -> CliError:
    from kakanai.card import ErrorCode

    bad_input = (ErrorCode.INVALID_PIN_FORMAT, ErrorCode.INVALID_CARD_NUMBER, ErrorCode.MATCH_B_NOT_APPLICABLE)
    exit_code = EXIT_BAD_INPUT if exc.code in bad_input else EXIT_DOMAIN
    return CliError(exc.code.value, exc.message, exit_code, tries_left=exc.tries_left)


def _announce(request: Any) -> None:
    """The tries left, shown before any secret is sent (DESIGN: never harm the resident's card)."""
    sys.stderr.write(f"{request.kind.label}: 残り{request.tries_left}回です。\n")
    sys.stderr.flush()


class _AnnouncedPin:
    """--pin-stdin: the secret came first, yet the tries left are shown before it is sent, as the prompt
    shows them, so the log of a scripted read says what each attempt risked."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def request_pin(self, request: Any) -> Any:
        _announce(request)
        return self._inner.request_pin(request)


class _PromptPin:
    """Asks on the terminal, after showing the tries left; confirms the last try explicitly."""

    def __init__(self, *, confirm_last_try: bool) -> None:
        self._confirm = confirm_last_try

    def request_pin(self, request: Any) -> Any:
        import getpass

        from kakanai.card import PinAnswer

        if not sys.stdin.isatty():
            # Prompting with no terminal would read the PIN from the pipe with Python's warning that it may
            # be echoed: refused before a try is spent, as `staff add` refuses a password.
            raise CliError("no_pin", f"{request.kind.label}は端末で入力するか --pin-stdin で渡してください。")
        _announce(request)
        confirmed = self._confirm
        if request.last_try and not confirmed:
            sys.stderr.write("残り1回です。間違えるとロックされます。続けますか？ [y/N] ")
            sys.stderr.flush()
            confirmed = sys.stdin.readline().strip().lower() in ("y", "yes")
            if not confirmed:
                return None
        try:
            secret = getpass.getpass(f"{request.kind.label}: ")
        except EOFError:
            return None
        return PinAnswer(secret, confirmed_last_try=confirmed)


def run_simulate(args: argparse.Namespace) -> int:
    from kakanai.card.simulator import ProfileError, SimulatedCard
    from kakanai.card.simulator.kinds import load_any_profile as load_profile
    from kakanai.card.simulator.vpcd import VpcdCard, parse_address
    from kakanai.card.trace import TraceWriter

    try:
        profile = load_profile(args.profile)
    except ProfileError as exc:
        raise CliError("bad_profile", str(exc)) from None
    try:
        host, port = parse_address(args.vpcd)
    except ValueError:
        raise CliError("bad_address", f"--vpcd は HOST:PORT の形（PORT は 1〜65535）で指定してください: {args.vpcd}") from None
    trace_file = _open_trace(args.trace)
    trace = TraceWriter(trace_file) if trace_file is not None else None
    server = VpcdCard(SimulatedCard(profile), host, port, trace=trace, reinsert_after=1.0)
    import signal

    # SIGTERM (a service manager, a test fixture) ends the simulator as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.stderr.write(f"模擬カードを {host}:{port} の仮想リーダーに挿入します（Ctrl-C で終了）\n")
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if trace_file is not None:
            trace_file.close()
    return 0
