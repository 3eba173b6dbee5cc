-- A mixed load on specs/todo.yaml: reads (lists, a list, its to-dos), writes (a list created, a to-do created,
-- a list updated), keyed calls (every request carries the key from KEY), and 4xx (an invalid body, an unknown
-- route, an item that does not exist), in a fixed rotation per connection.
local key = os.getenv("KEY")
local counter = 0
local requests = {}

function init(args)
  local headers = { ["X-API-Key"] = key, ["Content-Type"] = "application/json" }
  requests = {
    wrk.format("GET", "/api/lists?limit=20", headers),
    wrk.format("POST", "/api/lists", headers, '{"name": "Groceries", "description": "soak"}'),
    wrk.format("GET", "/api/lists/1", headers),
    wrk.format("GET", "/api/lists/1/todos?limit=10", headers),
    wrk.format("POST", "/api/lists/1/todos", headers, '{"title": "Milk", "priority": "high"}'),
    wrk.format("PATCH", "/api/lists/1", headers, '{"description": "still soaking"}'),
    wrk.format("POST", "/api/lists", headers, '{"name": 42}'),
    wrk.format("GET", "/api/nowhere", headers),
    wrk.format("GET", "/api/lists/999999999", headers),
    wrk.format("GET", "/api/users/me", headers),
  }
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end
