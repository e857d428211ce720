#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Blue/green deployment ready for validation
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
REGION=${REGION-'us-east-1'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
PATTERN='{"source":["aws.codedeploy"],"detail-type":["CodeDeploy Deployment State-change Notification"],"detail":{"state":["READY"],"deploymentGroup":["my-service-dg-bluegreen"]}}'
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
check 'Deployment START' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T10:00:05Z","id":"5b2f9e1a-0c3d-4a7b-8e6f-1a2b3c4d5e6f","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen"],"detail":{"instanceGroupId":"3f6b2c1e-8a4d-4e2b-9c7f-1d2e3f4a5b6c","region":"us-east-1","application":"my-service-app","deploymentId":"d-7QX2K9LMN","state":"START","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Deployment READY (blue/green)' match '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T10:06:41Z","id":"a7c4e2d9-1b5f-4c8a-9d3e-2f4a6b8c0d1e","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen"],"detail":{"instanceGroupId":"3f6b2c1e-8a4d-4e2b-9c7f-1d2e3f4a5b6c","region":"us-east-1","application":"my-service-app","deploymentId":"d-7QX2K9LMN","state":"READY","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Deployment SUCCESS' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T10:21:17Z","id":"e1d3f5a7-2c4b-4d6e-8f0a-3b5c7d9e1f2a","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen"],"detail":{"instanceGroupId":"3f6b2c1e-8a4d-4e2b-9c7f-1d2e3f4a5b6c","region":"us-east-1","application":"my-service-app","deploymentId":"d-7QX2K9LMN","state":"SUCCESS","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Deployment FAILURE' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T11:03:52Z","id":"c9e8d7f6-3a2b-4c1d-9e0f-4a5b6c7d8e9f","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen"],"detail":{"instanceGroupId":"9c1d7e42-5b3a-4f8e-a2d6-7e8f9a0b1c2d","region":"us-east-1","application":"my-service-app","deploymentId":"d-2HB8R4TQW","state":"FAILURE","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Deployment STOP' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T12:15:09Z","id":"f2a4c6e8-4b3d-4f5e-a6c7-5d6e7f8a9b0c","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen"],"detail":{"instanceGroupId":"b8e4f1a2-6c7d-4e9f-8a1b-2c3d4e5f6a7b","region":"us-east-1","application":"my-service-app","deploymentId":"d-5NV6C3YJP","state":"STOP","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Deployment SUCCESS (AWS sample)' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Deployment State-change Notification","source":"aws.codedeploy","version":"0","time":"2016-06-30T22:06:31Z","id":"c071bfbf-83c4-49ca-a6ff-3df053957145","resources":["arn:aws:codedeploy:us-east-1:123456789012:application:myApplication","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:myApplication/myDeploymentGroup"],"detail":{"instanceGroupId":"9fd2fbef-2157-40d8-91e7-6845af69e2d2","region":"us-east-1","application":"myApplication","deploymentId":"d-123456789","state":"SUCCESS","deploymentGroup":"myDeploymentGroup"}}'
check 'Instance START' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Instance State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T10:01:10Z","id":"0d1e2f3a-5c4b-4a6d-b7e8-6f7a8b9c0d1e","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen","arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app"],"detail":{"instanceId":"i-0a1b2c3d4e5f60718","region":"us-east-1","state":"START","application":"my-service-app","deploymentId":"d-7QX2K9LMN","instanceGroupId":"3f6b2c1e-8a4d-4e2b-9c7f-1d2e3f4a5b6c","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Instance SUCCESS' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Instance State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T10:05:58Z","id":"1e2f3a4b-6d5c-4b7e-c8f9-7a8b9c0d1e2f","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen","arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app"],"detail":{"instanceId":"i-0a1b2c3d4e5f60718","region":"us-east-1","state":"SUCCESS","application":"my-service-app","deploymentId":"d-7QX2K9LMN","instanceGroupId":"3f6b2c1e-8a4d-4e2b-9c7f-1d2e3f4a5b6c","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Instance FAILURE' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Instance State-change Notification","source":"aws.codedeploy","version":"0","time":"2025-06-02T11:03:40Z","id":"2f3a4b5c-7e6d-4c8f-d9a0-8b9c0d1e2f3a","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0f9e8d7c6b5a49382","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:my-service-app/my-service-dg-bluegreen","arn:aws:codedeploy:us-east-1:123456789012:application:my-service-app"],"detail":{"instanceId":"i-0f9e8d7c6b5a49382","region":"us-east-1","state":"FAILURE","application":"my-service-app","deploymentId":"d-2HB8R4TQW","instanceGroupId":"9c1d7e42-5b3a-4f8e-a2d6-7e8f9a0b1c2d","deploymentGroup":"my-service-dg-bluegreen"}}'
check 'Instance SUCCESS (AWS sample)' 'no match' '{"account":"123456789012","region":"us-east-1","detail-type":"CodeDeploy Instance State-change Notification","source":"aws.codedeploy","version":"0","time":"2016-06-30T23:18:50Z","id":"fb1d3015-c091-4bf9-95e2-d98521ab2ecb","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0000000aaaaaaaaaa","arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:myApplication/myDeploymentGroup","arn:aws:codedeploy:us-east-1:123456789012:application:myApplication"],"detail":{"instanceId":"i-0000000aaaaaaaaaa","region":"us-east-1","state":"SUCCESS","application":"myApplication","deploymentId":"d-123456789","instanceGroupId":"8cd3bfa8-9e72-4cbe-a1e5-da4efc7efd49","deploymentGroup":"myDeploymentGroup"}}'
exit "$DISAGREE"
