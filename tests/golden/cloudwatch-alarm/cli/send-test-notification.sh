#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: CloudWatch alarm: ALARM and OK in one thread, with history and actions buttons
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
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-alarms'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "CloudWatch alarm ServerCpuTooHigh: OK → ALARM",
    "description": "*Reason:* Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).\n*Account:* 123456789012  *Region:* us-east-1\n*Time:* 2019-10-02T17:04:40Z",
    "nextSteps": ["Choose *History* for the alarm'\''s last state changes", "While it is in ALARM, *Mute actions* stops its notifications and actions until you *Unmute*"],
    "keywords": ["CloudWatch", "ALARM"]
  },
  "metadata": {
    "threadId": "alarm-ServerCpuTooHigh",
    "additionalContext": {
      "ActionGroup": "cloudwatch-alarm",
      "AlarmName": "ServerCpuTooHigh",
      "State": "ALARM",
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
