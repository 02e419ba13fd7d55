"""One module per subcommand. Each has ``add_arguments(parser, name)`` and
``run(args, name) -> int``; importing one must stay cheap (no Textual at module level).
"""
