#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: AWS Health: a service's issues and scheduled changes, with details
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
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-health'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "AWS Health issue: AWS_EC2_OPERATIONAL_ISSUE",
    "description": "*Service:* EC2  *Region:* af-south-1\n*Status:* open\n*Start:* Fri, 27 Jan 2023 06:02:51 GMT",
    "nextSteps": ["Choose *Details* for AWS'\''s latest description", "Choose *Affected* for the resources of yours it names"],
    "keywords": ["AWSHealth", "EC2"]
  },
  "metadata": {
    "threadId": "health-arn:aws:health:af-south-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_7f35c8ae-af1f-54e6-a526-d0179ed6d68f",
    "additionalContext": {
      "ActionGroup": "health-event",
      "EventArn": "arn:aws:health:af-south-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_7f35c8ae-af1f-54e6-a526-d0179ed6d68f"
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
