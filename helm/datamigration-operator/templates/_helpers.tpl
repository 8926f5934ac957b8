{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "datamigration-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, unless it already contains the chart name. */}}
{{- define "datamigration-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* name-version for the helm.sh/chart label. */}}
{{- define "datamigration-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the chart. */}}
{{- define "datamigration-operator.labels" -}}
helm.sh/chart: {{ include "datamigration-operator.chart" . }}
{{ include "datamigration-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: datamigration-operator
{{- end }}

{{/* Labels that select the operator pods. */}}
{{- define "datamigration-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "datamigration-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The operator's ServiceAccount. */}}
{{- define "datamigration-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "datamigration-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The copy Jobs' ServiceAccount (the same name in every namespace where migrations run). */}}
{{- define "datamigration-operator.copierServiceAccountName" -}}
{{- if .Values.copier.serviceAccount.create }}
{{- default (printf "%s-copier" (include "datamigration-operator.fullname" .)) .Values.copier.serviceAccount.name }}
{{- else }}
{{- required "copier.serviceAccount.name is required when copier.serviceAccount.create is false" .Values.copier.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator image; the tag defaults to the chart's appVersion. */}}
{{- define "datamigration-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The copy Jobs' image: copier.image, else the operator's own image. */}}
{{- define "datamigration-operator.copierImage" -}}
{{- default (include "datamigration-operator.image" .) .Values.copier.image }}
{{- end }}

{{/* Namespaces where copy Jobs run and so need the copier ServiceAccount and Role, one per line, deduplicated. */}}
{{- define "datamigration-operator.copierNamespaces" -}}
{{- $namespaces := list }}
{{- if .Values.watchNamespaces }}
{{- $namespaces = concat .Values.watchNamespaces .Values.copier.namespaces }}
{{- else if .Values.copier.namespaces }}
{{- $namespaces = .Values.copier.namespaces }}
{{- else }}
{{- $namespaces = list .Release.Namespace }}
{{- end }}
{{- join "\n" (uniq $namespaces) }}
{{- end }}

{{/*
The operator's rules in the namespaces it watches (a Role per namespace, or one ClusterRole): what the controller
reads and writes, no more. Task ConfigMaps are created once and removed with their Job by owner references;
progress ConfigMaps are written by the copier and only read here, as is an ODC target's mapping ConfigMap. Events are deduplicated by name (get, then
update the count, or create).
*/}}
{{- define "datamigration-operator.operatorRules" -}}
- apiGroups: ["datamigration.dev"]
  resources: ["datamigrations"]
  verbs: ["get", "list", "watch", "update", "patch"]
- apiGroups: ["datamigration.dev"]
  resources: ["datamigrations/status"]
  verbs: ["get", "update", "patch"]
- apiGroups: ["datamigration.dev"]
  resources: ["datamigrations/finalizers"]
  verbs: ["update"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "update"]
{{- end }}

{{/* The copy Jobs' only rule: their own progress ConfigMaps. */}}
{{- define "datamigration-operator.copierRules" -}}
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update", "patch"]
{{- end }}
