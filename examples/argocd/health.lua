-- Argo CD health of a DataMigration (datamigration.dev/v1alpha1).
-- A DataMigration runs to completion: Succeeded is Healthy, Failed and Cancelled are Degraded, anything else
-- (including a resource being deleted while the operator restores the target) is Progressing.
local hs = {}

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  local finalizers = {}
  if obj.metadata.finalizers ~= nil then
    for _, finalizer in ipairs(obj.metadata.finalizers) do
      table.insert(finalizers, finalizer)
    end
  end
  if #finalizers > 0 then
    hs.message = "Pending deletion; blocked by finalizers: " .. table.concat(finalizers, ", ")
  else
    hs.message = "Pending deletion"
  end
  return hs
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the migration"
  return hs
end

local phase = status.phase
if phase == "Succeeded" then
  hs.status = "Healthy"
  if status.progress ~= nil then
    hs.message = "Succeeded: " .. status.progress .. " entities migrated"
  else
    hs.message = "Succeeded"
  end
  return hs
end

if phase == "Failed" or phase == "Cancelled" then
  hs.status = "Degraded"
  if status.message ~= nil and status.message ~= "" then
    hs.message = phase .. ": " .. status.message
  else
    hs.message = phase
  end
  return hs
end

hs.status = "Progressing"
if status.progress ~= nil then
  hs.message = phase .. ": " .. status.progress .. " entities migrated"
else
  hs.message = phase
end
return hs
