"""The same Tornado application on PyMongo Async."""

import mimetypes

import tornado.web
from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile


class NotesHandler(tornado.web.RequestHandler):
    async def get(self):
        notes = self.settings["database"].notes
        self.write({"notes": [note["text"] async for note in notes.find().sort("text")]})

    async def post(self):
        await self.settings["database"].notes.insert_one({"text": self.get_body_argument("text")})
        self.set_status(201)


class FileHandler(tornado.web.RequestHandler):
    """Serves a GridFS file by name, where motor.web.GridFSHandler was used."""

    async def get(self, filename):
        bucket = AsyncGridFSBucket(self.settings["database"])
        try:
            grid_out = await bucket.open_download_stream_by_name(filename)
        except NoFile:
            raise tornado.web.HTTPError(404) from None
        self.set_header("Content-Type", mimetypes.guess_type(filename)[0] or "application/octet-stream")
        self.set_header("Content-Length", grid_out.length)
        # What MotorGridOut.stream_to_handler(self) did: send it chunk by chunk.
        while chunk := await grid_out.readchunk():
            self.write(chunk)
            await self.flush()


def make_app(database):
    return tornado.web.Application(
        [
            (r"/notes", NotesHandler),
            (r"/files/(.+)", FileHandler),
        ],
        database=database,
    )
