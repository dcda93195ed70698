"""Command line for users and privacy: ``user add|passwd|remove|list|domain|requests``, ``erase``,
``person-export``, ``retention``. It parses arguments and calls ``core.users`` /
``core.privacy``, acting as ``access.SYSTEM`` (whoever can run it can open the store file)."""
import getpass
import sys

from core import access, privacy, settings, sso, store, users

COMMANDS = ("user", "erase", "person-export", "retention")
DB_HELP = "store path (default: $DRAAGVLAK_DB, else data/draagvlak.db)"


def add_parsers(sub):
    """Add this module's subcommands to the ``python -m core`` parser."""
    user = sub.add_parser("user", help="manage the app's users (roles: viewer, editor, admin)")
    us = user.add_subparsers(dest="user_command", required=True)
    add = us.add_parser("add", help="add a user (prompts for a password when neither --password nor --email is given)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=access.ROLES)
    add.add_argument("--password", help="at least 10 characters (better: leave out and type it at the prompt)")
    add.add_argument("--email", help="for sign-in through the organisation (kept only as a keyed pseudonym)")
    add.add_argument("--see-notes", action="store_true", help="a viewer may read stakeholder notes")
    add.add_argument("--db", help=DB_HELP)
    pw = us.add_parser("passwd", help="set a user's password (prompts twice)")
    pw.add_argument("name")
    pw.add_argument("--password", help="the new password (better: leave out and type it at the prompt)")
    pw.add_argument("--db", help=DB_HELP)
    rm = us.add_parser("remove", help="remove a user (never the last admin)")
    rm.add_argument("name")
    rm.add_argument("--db", help=DB_HELP)
    ls = us.add_parser("list", help="list users and roles, the roles by domain and open access requests")
    ls.add_argument("--db", help=DB_HELP)
    dom = us.add_parser("domain", help="give everyone who signs in through the organisation with an "
                                       "address at a domain a role (e.g. bedrijf.nl viewer)")
    ds = dom.add_subparsers(dest="domain_command", required=True)
    dadd = ds.add_parser("add", help="set the role of a domain (replaces its role)")
    dadd.add_argument("domain", help="e.g. bedrijf.nl (a leading @ is allowed)")
    dadd.add_argument("--role", required=True, choices=access.ROLES)
    dadd.add_argument("--see-notes", action="store_true", help="viewers of the domain may read stakeholder notes")
    dadd.add_argument("--db", help=DB_HELP)
    drm = ds.add_parser("remove", help="take the role away from a domain")
    drm.add_argument("domain")
    drm.add_argument("--db", help=DB_HELP)
    rq = us.add_parser("requests", help="list open access requests (people who signed in through "
                                        "the organisation without a role)")
    rq.add_argument("--db", help=DB_HELP)

    er = sub.add_parser("erase", help="erase a person from every table (right to erasure)")
    er.add_argument("person", help="employee id, e-mail address / UPN (its pseudonym) or display name")
    er.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    er.add_argument("--db", help=DB_HELP)

    ex = sub.add_parser("person-export", help="write everything held on a person to JSON (access request)")
    ex.add_argument("person", help="employee id, e-mail address / UPN (its pseudonym) or display name")
    ex.add_argument("--out", required=True, help="JSON file to write")
    ex.add_argument("--db", help=DB_HELP)

    rt = sub.add_parser("retention", help="apply the retention of raw usage rows (optionally set it first)")
    rt.add_argument("--months", type=int, help="keep raw usage rows this many months (0 = for ever)")
    rt.add_argument("--db", help=DB_HELP)


def _prompt_password():
    first = getpass.getpass("password: ")
    if first != getpass.getpass("password again: "):
        print("error: the two passwords differ; nothing changed", file=sys.stderr)
        return None
    return first


def run(args):
    """Run one of ``COMMANDS``; return the exit code."""
    path = store.resolve_path(args.db)
    if not (args.command == "user" and args.user_command == "add") and not path.exists():
        print(f"error: no store at {path}", file=sys.stderr)
        return 1
    s = store.Store(path)
    try:
        return _run(args, s)
    except (access.InputError, settings.SettingsError) as exc:
        print(f"error: {_message(exc)}", file=sys.stderr)
        return 1
    finally:
        s.close()


def _message(exc):
    if isinstance(exc, settings.SettingsError):
        from core import i18n

        return "; ".join(f"{key}: {i18n.t(code, 'en', **params)}" for key, code, params in exc.problems)
    return exc.message("en")


def _run(args, s):
    actor = access.SYSTEM
    if args.command == "user":
        return _user(args, s, actor)
    if args.command == "retention":
        if args.months is not None:
            settings.save(s, actor, {"usage_retention_months": args.months})
        months = settings.value(s.read(), "usage_retention_months")
        if not months:
            print("retention: raw usage rows are kept for ever (0 months); nothing removed")
            return 0
        removed = privacy.prune_usage(s, actor)
        print(f"retention: {months} months; removed {removed} raw usage rows "
              f"before {privacy.retention_cutoff(months).isoformat()} (weekly totals kept)")
        return 0
    person = privacy.resolve_person(s.read(), args.person)
    if args.command == "person-export":
        record = privacy.person_record(s.read(), person)
        with open(args.out, "wb") as fh:
            fh.write(privacy.person_json(record))
        rows = sum(len(r) for r in record["tables"].values())
        print(f"wrote {rows} rows on {person} to {args.out}")
        return 0
    record = privacy.person_record(s.read(), person)
    held = {t: len(r) for t, r in record["tables"].items() if r}
    print(f"{person}" + (f" ({record['display_name']})" if record["display_name"] else "")
          + ": " + ", ".join(f"{t} {n}" for t, n in held.items()))
    if not args.yes:
        answer = input(f"erase {person} from every table? This cannot be undone. Type yes: ")
        if answer.strip().lower() != "yes":
            print("nothing erased")
            return 1
    counts = privacy.erase_person(s, actor, person)
    print("erased: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    print("note: backups made before now still hold this person until they are rotated out")
    return 0


def _user(args, s, actor):
    if args.user_command == "list":
        rows = users.list_users(s.read())
        if not rows:
            print("no users: the app runs in single-user local mode on this computer")
        for u in rows:
            how = "+".join(x for x, on in (("password", u["has_password"]), ("email", u["has_email"])) if on)
            notes = " (sees notes)" if u["see_notes"] and u["role"] == "viewer" else ""
            print(f"{u['name']}\t{u['role']}{notes}\t{how}\tlast login {u['last_login'] or '–'}")
        for d in sso.list_domain_roles(s.read()):
            notes = " (sees notes)" if d["see_notes"] and d["role"] == "viewer" else ""
            print(f"@{d['domain']}\t{d['role']}{notes}\tdomain")
        waiting = len(sso.list_requests(s.read()))
        if waiting:
            print(f"{waiting} open access request(s): python -m core user requests")
        return 0
    if args.user_command == "domain":
        if args.domain_command == "add":
            domain = sso.set_domain_role(s, actor, args.domain, args.role, see_notes=args.see_notes)
            print(f"domain role set: @{domain} ({args.role})")
        else:
            sso.remove_domain_role(s, actor, args.domain)
            print(f"domain role removed: @{sso.check_domain(args.domain)}")
        return 0
    if args.user_command == "requests":
        found = sso.list_requests(s.read())
        if not found:
            print("no open access requests")
        for r in found:
            print(f"{r['email']}\t{r['name'] or '–'}\t{r['provider'] or '–'}\t{r['requested_at']}")
        if found:
            print("grant one with: python -m core user add NAME --email ADDRESS --role ROLE")
        return 0
    if args.user_command == "remove":
        users.remove_user(s, actor, args.name)
        print(f"user removed: {args.name}")
        return 0
    password = args.password
    if args.user_command == "passwd":
        password = password or _prompt_password()
        if password is None:
            return 1
        users.set_password(s, actor, args.name, password)
        print(f"password set: {args.name}")
        return 0
    if not password and not args.email:
        password = _prompt_password()
        if password is None:
            return 1
    added = users.add_user(s, actor, args.name, args.role, password=password or None,
                           email=args.email, see_notes=args.see_notes)
    print(f"user added: {added.name} ({added.role})")
    return 0
