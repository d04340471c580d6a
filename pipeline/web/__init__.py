"""What zhko's local web pages share (the glossary review page, the editorial desk).

:mod:`pipeline.web.security` holds the protections every such server needs
because it runs on an editor's machine while serving text from the open web.
"""
