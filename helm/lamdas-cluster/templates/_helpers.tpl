{{/*
Chart name, truncated to the 63 characters of a DNS label.
*/}}
{{- define "lamdas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name prefix of every resource: the release name, plus the chart name unless the release name contains it.
*/}}
{{- define "lamdas.fullname" -}}
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

{{- define "lamdas.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "lamdas.labels" -}}
helm.sh/chart: {{ include "lamdas.chart" . }}
{{ include "lamdas.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "lamdas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lamdas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector of the silo pods.
*/}}
{{- define "lamdas.siloSelectorLabels" -}}
{{ include "lamdas.selectorLabels" . }}
app.kubernetes.io/component: silo
{{- end }}

{{- define "lamdas.siloName" -}}
{{- printf "%s-silo" (include "lamdas.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The headless Service of the silos (stable pod DNS names, silo and gateway ports).
*/}}
{{- define "lamdas.headlessServiceName" -}}
{{- printf "%s-silo-headless" (include "lamdas.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The API Service (job API on every silo's HTTP port).
*/}}
{{- define "lamdas.apiServiceName" -}}
{{- printf "%s-api" (include "lamdas.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The job API's URL inside the cluster.
*/}}
{{- define "lamdas.apiUrl" -}}
{{- printf "http://%s.%s.svc:%d" (include "lamdas.apiServiceName" .) .Release.Namespace (.Values.service.port | int) }}
{{- end }}

{{- define "lamdas.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lamdas.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Secret holding the Redis connection, the storage connection string, the teams' key hashes and the nightly key.
*/}}
{{- define "lamdas.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "lamdas.fullname" . }}
{{- end }}
{{- end }}

{{- define "lamdas.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Device of the scoring workers: silo.device, else cuda with GPUs, else cpu.
*/}}
{{- define "lamdas.device" -}}
{{- if .Values.silo.device }}
{{- .Values.silo.device }}
{{- else if .Values.gpu.enabled }}
{{- "cuda" }}
{{- else }}
{{- "cpu" }}
{{- end }}
{{- end }}

{{/*
Settings the chart cannot start without, checked at render time.
*/}}
{{- define "lamdas.validate" -}}
{{- if and (not .Values.existingSecret) (not .Values.redis.connection) }}
{{- fail "redis.connection (or existingSecret with key redis-connection) is required: the silos keep membership and job state in Redis" }}
{{- end }}
{{- if not .Values.teams }}
{{- fail "teams needs at least one team: the job API refuses to start without one" }}
{{- end }}
{{- if not .Values.existingSecret }}
{{- range $index, $team := .Values.teams }}
{{- if not $team.apiKeySha256 }}
{{- fail (printf "teams[%d].apiKeySha256 is required (lamdas hash-key KEY) unless existingSecret is set" $index) }}
{{- end }}
{{- end }}
{{- if and .Values.nightlyJob.enabled (not .Values.nightlyJob.apiKey) }}
{{- fail "nightlyJob.apiKey is required when nightlyJob.enabled (unless existingSecret holds nightly-api-key)" }}
{{- end }}
{{- end }}
{{- if le (int .Values.silo.terminationGracePeriodSeconds) (add (int .Values.silo.preStopSleepSeconds) (int .Values.silo.shutdownTimeoutSeconds)) }}
{{- fail "silo.terminationGracePeriodSeconds must exceed silo.preStopSleepSeconds + silo.shutdownTimeoutSeconds" }}
{{- end }}
{{- end }}
