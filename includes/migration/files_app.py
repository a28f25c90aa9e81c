"""Serve GridFS files over HTTP with aiohttp and PyMongo's AsyncGridFSBucket."""

import mimetypes

from aiohttp import web
from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile

BUCKET = web.AppKey("bucket", AsyncGridFSBucket)


async def serve_file(request):
    filename = request.match_info["filename"]
    try:
        grid_out = await request.app[BUCKET].open_download_stream_by_name(filename)
    except NoFile:
        raise web.HTTPNotFound(text=f"No file named {filename}.") from None
    response = web.StreamResponse()
    response.content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response.content_length = grid_out.length
    response.last_modified = grid_out.upload_date
    await response.prepare(request)
    # One GridFS chunk at a time, so a large file never sits whole in memory.
    while chunk := await grid_out.readchunk():
        await response.write(chunk)
    await response.write_eof()
    return response


def make_app(database):
    app = web.Application()
    app[BUCKET] = AsyncGridFSBucket(database)
    app.router.add_get("/files/{filename}", serve_file)  # answers HEAD too
    return app
