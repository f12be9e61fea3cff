"""The `safeguard` command: everything manage.py does, with dashed command names.

`safeguard demo-data` runs the `demo_data` management command.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
        if argv[1] == "help" and len(argv) > 2:
            argv[2] = argv[2].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
