"""Korean in the norm of China's Yanbian press (《조선말규범집》, 2016 edition).

- :mod:`pipeline.korean.reading`: Hanja readings of Chinese names and terms,
  with no initial-sound rule (习近平 → 습근평, 金寿浩 → 김수호).
- :mod:`pipeline.korean.names`: person and place names in a Chinese sentence.
- :mod:`pipeline.korean.style`: post-editing of South Korean MT output toward
  the norm (노동 → 로동, 되었다 → 되였다, 23290건 → 2만 3290건, …).

Nothing heavy is imported here, so ``zhko --help`` stays instant.
"""
