"""`python -m joint_nlu` runs the command line.

Nothing else lives here.
"""

from joint_nlu.command_line import main

if __name__ == "__main__":
    raise SystemExit(main())
