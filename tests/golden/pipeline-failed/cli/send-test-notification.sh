#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Pipeline executions in one thread, a failed stage with retry
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
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-pipelines'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
if [[ -z ${TOPIC_ARN-} ]]; then
  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
  CALLER_ARN=${IDENTITY##*[[:space:]]}
  TOPIC_ARN="arn:$(cut -d: -f2 <<<"$CALLER_ARN"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME"
fi

# The message of rule pipeline-execution
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": "Pipeline myPipeline: STARTED",
    "description": "*Execution:* 12345678-1234-5678-abcd-12345678abcd\n*Region:* us-east-1\n*Time:* 2020-01-24T22:03:07Z",
    "keywords": ["CodePipeline", "STARTED"]
  },
  "metadata": {
    "threadId": "pipeline-12345678-1234-5678-abcd-12345678abcd",
    "additionalContext": {
      "ActionGroup": "pipeline-execution",
      "Pipe": "myPipeline",
      "Id": "12345678-1234-5678-abcd-12345678abcd",
      "State": "STARTED",
      "Rgn": "us-east-1"
    },
    "enableCustomActions": true
  }
}'
aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"

# The message of rule pipeline-stage-failed
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":rotating_light: Stage Deploy of myPipeline failed",
    "description": "*Execution:* 12345678-1234-5678-abcd-12345678abcd\n*Region:* us-west-2\n*Time:* 2020-01-31T18:21:39Z",
    "nextSteps": ["Choose *Execution* for the failed actions'\'' errors", "Once fixed, choose *Retry stage* to rerun its failed actions in the same execution"],
    "keywords": ["CodePipeline", "FAILED"]
  },
  "metadata": {
    "threadId": "pipeline-12345678-1234-5678-abcd-12345678abcd",
    "additionalContext": {
      "ActionGroup": "stage-failed",
      "Pipe": "myPipeline",
      "Stage": "Deploy",
      "Id": "12345678-1234-5678-abcd-12345678abcd",
      "Rgn": "us-west-2"
    },
    "enableCustomActions": true
  }
}'
aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
