from ninja import NinjaAPI

api = NinjaAPI(title="convener API", version="1")
