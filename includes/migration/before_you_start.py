import pymongo

# AsyncMongoClient is stable from PyMongo 4.13.0 on.
if pymongo.version_tuple >= (4, 13):
    print("This PyMongo has a stable AsyncMongoClient.")
else:
    print(f"PyMongo {pymongo.version} is too old: upgrade to 4.13 or later.")
