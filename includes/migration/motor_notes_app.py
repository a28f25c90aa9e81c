"""A Tornado application on Motor: notes in a collection, files from GridFS."""

import tornado.web
from motor.web import GridFSHandler


class NotesHandler(tornado.web.RequestHandler):
    async def get(self):
        notes = self.settings["database"].notes
        self.write({"notes": [note["text"] async for note in notes.find().sort("text")]})

    async def post(self):
        await self.settings["database"].notes.insert_one({"text": self.get_body_argument("text")})
        self.set_status(201)


def make_app(database):
    return tornado.web.Application(
        [
            (r"/notes", NotesHandler),
            (r"/files/(.+)", GridFSHandler, {"database": database}),
        ],
        database=database,
    )
