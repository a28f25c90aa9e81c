"""The one difference allowed between the code a page shows and the code that runs.

Examples write a placeholder where the reader puts their own connection
string. The runner puts the tier's server there instead. Nothing else in an
example is ever changed.
"""

PLACEHOLDERS = (
    "<your MongoDB Atlas connection string>",
    "<your MongoDB connection string>",
    "mongodb://localhost:27017",
)


def substitute(code, uri):
    """*code* with every connection-string placeholder replaced by *uri*."""
    for placeholder in PLACEHOLDERS:
        code = code.replace(placeholder, uri)
    return code
