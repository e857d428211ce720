#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: ECS deployment: progress, failure and the service's buttons
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
REGION=${REGION-'us-west-2'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-ecs'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "ECS deployment of servicetest: SERVICE_DEPLOYMENT_IN_PROGRESS",
    "description": "*Service:* servicetest (cluster default)\n*Deployment:* ecs-svc/123\n*Reason:* ECS deployment deploymentId in progress.\n*Severity:* INFO\n*Region:* us-west-2\n*Time:* 2020-05-23T12:31:14Z",
    "nextSteps": ["Choose *Describe service* for its deployments and recent events", "After a failure, fix the cause, then choose *Force new deployment*"],
    "keywords": ["ECS", "INFO"]
  },
  "metadata": {
    "threadId": "ecs-ecs-svc/123",
    "additionalContext": {
      "ActionGroup": "ecs-deployment",
      "Cluster": "default",
      "Service": "servicetest",
      "State": "SERVICE_DEPLOYMENT_IN_PROGRESS",
      "Region": "us-west-2"
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
