#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: GuardDuty: high-severity findings, with get and archive
# Publishes the notification the input transformer renders from the design's sample event to the
# topic, as EventBridge would. TOPIC_ARN defaults to the design's topic in this account.
set -euo pipefail

fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}
# matches NAME VALUE REGEX: the setting must match the regular expression.
matches() {
  [[ $2 =~ $3 ]] || fail "$1 must match $3 (got '$2')"
}

# --- Settings (defaults from the design)
# AWS Region of the deployments, the rule and the topic
REGION=${REGION-'us-east-1'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-guardduty'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":rotating_light: GuardDuty Recon:IAMUser/MaliciousIPCaller.Custom (severity 8)",
    "description": "Reconnaissance API GeneratedFindingAPIName was invoked from an IP address on a custom threat list.\n*Account:* 123456789012  *Region:* us-east-1\n*Updated:* 2022-01-13T00:00:47.427Z\n*Finding:* 30bf285e52a1e405084ff6ec28e06e17",
    "nextSteps": ["Choose *Finding* for the affected resource and the evidence", "Once investigated, choose *Archive* (the administrator account'\''s detector archives for member accounts)"],
    "keywords": ["GuardDuty", "Recon:IAMUser/MaliciousIPCaller.Custom"]
  },
  "metadata": {
    "additionalContext": {
      "ActionGroup": "guardduty-finding",
      "Detector": "48bf285e13736c6c722945805b3e224a",
      "Finding": "30bf285e52a1e405084ff6ec28e06e17",
      "Region": "us-east-1"
    },
    "enableCustomActions": true
  }
}'
if [[ -z ${TOPIC_ARN-} ]]; then
  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
  CALLER_ARN=${IDENTITY##*[[:space:]]}
  TOPIC_ARN="arn:$(cut -d: -f2 <<<"$CALLER_ARN"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME"
fi

aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
