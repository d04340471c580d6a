"""Machine translation: Argos Translate packages decoded with CTranslate2.

Import the submodules directly (``pipeline.translate.argos``,
``pipeline.translate.install``); this package imports nothing heavy so that
``zhko --help`` stays instant.
"""
