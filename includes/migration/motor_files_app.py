"""Serve GridFS files over HTTP with Motor's ready-made aiohttp handler."""

from aiohttp import web
from motor.aiohttp import AIOHTTPGridFS


def make_app(database):
    app = web.Application()
    files = AIOHTTPGridFS(database)
    resource = app.router.add_resource("/files/{filename}")
    resource.add_route("GET", files)
    resource.add_route("HEAD", files)
    return app
