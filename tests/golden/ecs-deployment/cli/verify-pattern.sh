#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: ECS deployment: progress, failure and the service's buttons
# Asks EventBridge (TestEventPattern) whether the rule's pattern matches each sample event and
# compares each answer with the simulation's prediction; exits 1 on any disagreement. The same
# as `chatops verify --design F --run`.
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

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
PATTERN='{"source":["aws.ecs"],"detail-type":["ECS Deployment State Change"],"resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"]}'
DISAGREE=0

# check LABEL PREDICTED EVENT: asks EventBridge and prints one row of the table.
check() {
  local answer
  if answer=$(aws events test-event-pattern --region "$REGION" --event-pattern "$PATTERN" --event "$3" --query Result --output text); then
    case $answer in
      True | true) answer=match ;;
      False | false) answer='no match' ;;
      *) answer=error ;;
    esac
  else
    answer=error
  fi
  if [[ $answer == "$2" ]]; then
    printf '%-40s  %-9s  %-11s  yes\n' "$1" "$2" "$answer"
  else
    printf '%-40s  %-9s  %-11s  NO\n' "$1" "$2" "$answer"
    DISAGREE=1
  fi
}

printf '%-40s  %-9s  %-11s  agree?\n' event predicted EventBridge
check 'ECS deployment IN_PROGRESS' match '{"version":"0","id":"ddca6449-b258-46c0-8653-e0e3a6EXAMPLE","detail-type":"ECS Deployment State Change","source":"aws.ecs","account":"111122223333","time":"2020-05-23T12:31:14Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"INFO","eventName":"SERVICE_DEPLOYMENT_IN_PROGRESS","deploymentId":"ecs-svc/123","updatedAt":"2020-05-23T11:11:11Z","reason":"ECS deployment deploymentId in progress."}}'
check 'ECS deployment COMPLETED' match '{"version":"0","id":"ddca6449-b258-46c0-8653-e0e3aEXAMPLE","detail-type":"ECS Deployment State Change","source":"aws.ecs","account":"111122223333","time":"2020-05-23T12:31:14Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"INFO","eventName":"SERVICE_DEPLOYMENT_COMPLETED","deploymentId":"ecs-svc/123","updatedAt":"2020-05-23T11:11:11Z","reason":"ECS deployment deploymentID completed."}}'
check 'ECS deployment FAILED (circuit breaker)' match '{"version":"0","id":"ddca6449-b258-46c0-8653-e0e3aEXAMPLE","detail-type":"ECS Deployment State Change","source":"aws.ecs","account":"111122223333","time":"2020-05-23T12:31:14Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"ERROR","eventName":"SERVICE_DEPLOYMENT_FAILED","deploymentId":"ecs-svc/123","updatedAt":"2020-05-23T11:11:11Z","reason":"ECS deployment circuit breaker: task failed to start."}}'
check 'ECS rollback IN_PROGRESS (circuit breaker)' match '{"version":"0","id":"ddca6449-b258-46c0-8653-e0e3aEXAMPLE","detail-type":"ECS Deployment State Change","source":"aws.ecs","account":"111122223333","time":"2020-05-23T12:31:14Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"INFO","eventName":"SERVICE_DEPLOYMENT_IN_PROGRESS","deploymentId":"ecs-svc/123","updatedAt":"2020-05-23T11:11:11Z","reason":"ECS deployment circuit breaker: rolling back to deploymentId deploymentID."}}'
check 'ECS service steady state' 'no match' '{"version":"0","id":"af3c496d-f4a8-65d1-70f4-a69d52e9b584","detail-type":"ECS Service Action","source":"aws.ecs","account":"111122223333","time":"2019-11-19T19:27:22Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"INFO","eventName":"SERVICE_STEADY_STATE","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","createdAt":"2019-11-19T19:27:22.695Z"}}'
check 'ECS tasks fail to start (WARN)' 'no match' '{"version":"0","id":"57c9506e-9d21-294c-d2fe-e8738da7e67d","detail-type":"ECS Service Action","source":"aws.ecs","account":"111122223333","time":"2019-11-19T19:55:38Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"WARN","eventName":"SERVICE_TASK_START_IMPAIRED","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","createdAt":"2019-11-19T19:55:38.725Z"}}'
check 'ECS task placement failure (ERROR)' 'no match' '{"version":"0","id":"ddca6449-b258-46c0-8653-e0e3a6d0468b","detail-type":"ECS Service Action","source":"aws.ecs","account":"111122223333","time":"2019-11-19T19:55:38Z","region":"us-west-2","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],"detail":{"eventType":"ERROR","eventName":"SERVICE_TASK_PLACEMENT_FAILURE","clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","capacityProviderArns":["arn:aws:ecs:us-west-2:111122223333:capacity-provider/FARGATE_SPOT"],"reason":"RESOURCE:FARGATE","createdAt":"2019-11-06T19:09:33.087Z"}}'
exit "$DISAGREE"
