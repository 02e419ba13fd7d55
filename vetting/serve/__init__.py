"""``vetting serve``: the same app in a browser, reachable by the person who started it only.

textual-serve (pinned) brings the browser side (``textual.js``, xterm's stylesheet and the
Roboto Mono fonts) and the protocol that runs one app process per browser tab. It has no
authentication and no Origin check, so the HTTP and WebSocket side is ours:

* :mod:`vetting.serve.guard`   the rules every request must pass (token, Host, Origin,
  fetch metadata), as plain functions
* :mod:`vetting.serve.peers`   which local user opened a loopback connection (Linux)
* :mod:`vetting.serve.process` one ``vetting app`` process per tab (textual-serve's
  ``AppService``, started without a shell, its stderr never printed)
* :mod:`vetting.serve.server`  the aiohttp application: routes, checks, headers, clean
  shutdown
* :mod:`vetting.serve.launch`  the rest of a run: the socket, a log that never shows values,
  the printed link, ``--open``
* ``page/``                    the HTML page, its stylesheet and script (no CDN, no inline
  script)

Nothing here is imported by ``vetting``, ``vetting run`` or ``vetting validate``: aiohttp
and textual-serve load only inside ``vetting serve``.
"""
