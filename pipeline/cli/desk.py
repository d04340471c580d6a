"""``zhko desk``: the editorial desk (serve it, manage its accounts).

Thin: Flask, waitress and the store are imported when a handler runs.
"""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
The editorial desk over a built output folder: every article with its state
(draft, in review, approved) and its sentences counted by state; an article
page with the Chinese beside the Korean, each Korean sentence editable in
place with the keyboard, its glossary terms, QA findings, Korean-norm changes
and the closest approved sentences of the human memory (fuzzy match, 75%).

Sentence states: machine → edited → approved (XLIFF 2: initial, translated,
reviewed; final once the article is approved). Edits go to
OUTPUT/.zhko-desk.sqlite3 at once; the next `zhko build` prints them, and
`zhko build --final` prints only approved articles.

Loopback (127.0.0.1) by default, one editor (--user). For a newsroom LAN, add
accounts first (`zhko desk add-user NAME --role chief`) and start with
--host 0.0.0.0: every request then needs a login; an editor edits and approves
sentences, a chief editor also approves articles. Failed logins lock that name
(5 in 15 minutes) or client address (20) out for a minute, doubling up to 15
minutes. Served by waitress.

The glossary review (`zhko glossary review`) is the desk's Glossary tab, under
/glossary/: same server, same login; changes are signed by the desk's editor.
"""

EXAMPLES = """\
examples:
  zhko desk -o output/                          the desk on http://127.0.0.1:8765
  zhko desk -o output/ --user "김편집" --port 0   any free port
  zhko desk add-user kim --role chief -o output/   asks for the password twice
  zhko desk -o output/ --host 0.0.0.0            LAN mode (accounts required)

keys on an article page:
  Ctrl+Enter approve and go to the next sentence   Ctrl+S save as edited
  Alt+Down / Alt+Up next / previous sentence        Alt+1…3 take a memory suggestion
  Esc undo the changes to this sentence

exit codes: 0 stopped normally; 1 the folder or database cannot be used,
            or --host without accounts; 2 bad command line
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desk", help="the editorial desk: edit and approve sentences in the browser",
                       description=DESCRIPTION, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _output_arg(p)
    p.add_argument("--glossary", metavar="DIR", default="glossaries",
                   help="glossary folder the checks use and the Glossary tab reviews (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on; anything but loopback needs accounts (default: %(default)s)")
    p.add_argument("--port", type=int, default=8765, help="port; 0 picks a free one (default: %(default)s)")
    p.add_argument("--user", help="your name in the audit log, loopback mode (default: $ZHKO_USER or $USER)")
    p.add_argument("--accounts", action="store_true",
                   help="require logins even on loopback (implied by --host other than loopback)")
    p.add_argument("--session-hours", type=float, default=8.0, metavar="H",
                   help="a login expires after this long (default: %(default)s)")
    p.add_argument("--open", action="store_true", help="open a browser window")
    p.set_defaults(func=_run_desk)
    dsub = p.add_subparsers(dest="desk_command", metavar="SUBCOMMAND")
    a = dsub.add_parser("add-user", help="add (or reset) a desk account",
                        description="Add an account for LAN mode, or change its password/role. The password "
                                    "is read twice from the terminal (or once from --password-stdin) and stored "
                                    "hashed (scrypt, werkzeug.security).")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--role", choices=("editor", "chief"), default="editor",
                   help="editor: edits and approves sentences; chief: also approves articles (default: %(default)s)")
    a.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _output_arg(a)
    a.set_defaults(func=_run_add_user)


def _output_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR", default=argparse.SUPPRESS,
                   help="the built output folder (default: output)")


def _out(args: argparse.Namespace) -> str:
    return getattr(args, "output", "output")


def _run_desk(args: argparse.Namespace) -> int:
    from pipeline.desk.app import LOOPBACK, create_app, serve

    accounts = args.accounts or args.host not in LOOPBACK
    app = create_app(_out(args), glossary_dir=args.glossary, user=args.user, accounts=accounts,
                     session_hours=args.session_hours)
    serve(app, host=args.host, port=args.port, open_browser=args.open)
    return 0


def _run_add_user(args: argparse.Namespace) -> int:
    import getpass

    from pipeline.desk.store import DeskError, DeskStore

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise DeskError("the two passwords differ; nothing changed")
    DeskStore.for_output(_out(args)).add_user(args.name, password, args.role)
    print(f"account {args.name} ({args.role}) saved in {_out(args)}/.zhko-desk.sqlite3", file=sys.stderr)
    return 0
