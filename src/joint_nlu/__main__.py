"""`python -m joint_nlu` runs the command line."""

from joint_nlu.command_line import main

if __name__ == "__main__":
    raise SystemExit(main())
