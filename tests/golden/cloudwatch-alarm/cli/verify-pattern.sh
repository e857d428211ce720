#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: CloudWatch alarm: ALARM and OK in one thread, with history and actions buttons
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
PATTERN='{"source":["aws.cloudwatch"],"detail-type":["CloudWatch Alarm State Change"],"detail":{"alarmName":["ServerCpuTooHigh"],"state":{"value":["ALARM","OK"]}}}'
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
check 'Alarm OK → ALARM (metric)' match '{"version":"0","id":"c4c1c1c9-6542-e61b-6ef0-8c4d36933a92","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012","time":"2019-10-02T17:04:40Z","region":"us-east-1","resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"],"detail":{"alarmName":"ServerCpuTooHigh","configuration":{"description":"Goes into alarm when server CPU utilization is too high!","metrics":[{"id":"30b6c6b2-a864-43a2-4877-c09a1afc3b87","metricStat":{"metric":{"dimensions":{"InstanceId":"i-12345678901234567"},"name":"CPUUtilization","namespace":"AWS/EC2"},"period":300,"stat":"Average"},"returnData":true}]},"previousState":{"reason":"Threshold Crossed: 1 out of the last 1 datapoints [0.0666851903306472 (01/10/19 13:46:00)] was not greater than the threshold (50.0) (minimum 1 datapoint for ALARM -> OK transition).","reasonData":"{\"version\":\"1.0\",\"queryDate\":\"2019-10-01T13:56:40.985+0000\",\"startDate\":\"2019-10-01T13:46:00.000+0000\",\"statistic\":\"Average\",\"period\":300,\"recentDatapoints\":[0.0666851903306472],\"threshold\":50.0}","timestamp":"2019-10-01T13:56:40.987+0000","value":"OK"},"state":{"reason":"Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).","reasonData":"{\"version\":\"1.0\",\"queryDate\":\"2019-10-02T17:04:40.985+0000\",\"startDate\":\"2019-10-02T16:59:00.000+0000\",\"statistic\":\"Average\",\"period\":300,\"recentDatapoints\":[99.50160229693434],\"threshold\":50.0}","timestamp":"2019-10-02T17:04:40.989+0000","value":"ALARM"}}}'
check 'Alarm ALARM → OK (metric)' match '{"version":"0","id":"c4c1c1c9-6542-e61b-6ef0-8c4d36933a92","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012","time":"2019-10-02T17:04:40Z","region":"us-east-1","resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"],"detail":{"alarmName":"ServerCpuTooHigh","configuration":{"description":"Goes into alarm when server CPU utilization is too high!","metrics":[{"id":"30b6c6b2-a864-43a2-4877-c09a1afc3b87","metricStat":{"metric":{"dimensions":{"InstanceId":"i-12345678901234567"},"name":"CPUUtilization","namespace":"AWS/EC2"},"period":300,"stat":"Average"},"returnData":true}]},"previousState":{"reason":"Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).","reasonData":"{\"version\":\"1.0\",\"queryDate\":\"2019-10-02T17:04:40.985+0000\",\"startDate\":\"2019-10-02T16:59:00.000+0000\",\"statistic\":\"Average\",\"period\":300,\"recentDatapoints\":[99.50160229693434],\"threshold\":50.0}","timestamp":"2019-10-02T17:04:40.989+0000","value":"ALARM"},"state":{"reason":"Threshold Crossed: 1 out of the last 1 datapoints [0.0666851903306472 (01/10/19 13:46:00)] was not greater than the threshold (50.0) (minimum 1 datapoint for ALARM -> OK transition).","reasonData":"{\"version\":\"1.0\",\"queryDate\":\"2019-10-01T13:56:40.985+0000\",\"startDate\":\"2019-10-01T13:46:00.000+0000\",\"statistic\":\"Average\",\"period\":300,\"recentDatapoints\":[0.0666851903306472],\"threshold\":50.0}","timestamp":"2019-10-01T13:56:40.987+0000","value":"OK"}}}'
check 'Alarm INSUFFICIENT_DATA → ALARM (metric math)' 'no match' '{"version":"0","id":"2dde0eb1-528b-d2d5-9ca6-6d590caf2329","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012","time":"2019-10-02T17:20:48Z","region":"us-east-1","resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:TotalNetworkTrafficTooHigh"],"detail":{"alarmName":"TotalNetworkTrafficTooHigh","configuration":{"description":"Goes into alarm if total network traffic exceeds 10Kb","metrics":[{"expression":"SUM(METRICS())","id":"e1","label":"Total Network Traffic","returnData":true},{"id":"m1","metricStat":{"metric":{"dimensions":{"InstanceId":"i-12345678901234567"},"name":"NetworkIn","namespace":"AWS/EC2"},"period":300,"stat":"Maximum"},"returnData":false},{"id":"m2","metricStat":{"metric":{"dimensions":{"InstanceId":"i-12345678901234567"},"name":"NetworkOut","namespace":"AWS/EC2"},"period":300,"stat":"Maximum"},"returnData":false}]},"previousState":{"reason":"Unchecked: Initial alarm creation","timestamp":"2019-10-02T17:20:03.642+0000","value":"INSUFFICIENT_DATA"},"state":{"reason":"Threshold Crossed: 1 out of the last 1 datapoints [45628.0 (02/10/19 17:10:00)] was greater than the threshold (10000.0) (minimum 1 datapoint for OK -> ALARM transition).","reasonData":"{\"version\":\"1.0\",\"queryDate\":\"2019-10-02T17:20:48.551+0000\",\"startDate\":\"2019-10-02T17:10:00.000+0000\",\"period\":300,\"recentDatapoints\":[45628.0],\"threshold\":10000.0}","timestamp":"2019-10-02T17:20:48.554+0000","value":"ALARM"}}}'
check 'Composite alarm → ALARM (actions suppressed)' 'no match' '{"version":"0","id":"d3dfc86d-384d-24c8-0345-9f7986db0b80","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012","time":"2022-07-22T15:57:45Z","region":"us-east-1","resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServiceAggregatedAlarm"],"detail":{"alarmName":"ServiceAggregatedAlarm","state":{"actionsSuppressedBy":"WaitPeriod","actionsSuppressedReason":"Actions suppressed by WaitPeriod","value":"ALARM","reason":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:SuppressionDemo.EventBridge.FirstChild transitioned to ALARM at Friday 22 July, 2022 15:57:45 UTC","reasonData":"{\"triggeringAlarms\":[{\"arn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh\",\"state\":{\"value\":\"ALARM\",\"timestamp\":\"2022-07-22T15:57:45.394+0000\"}}]}","timestamp":"2022-07-22T15:57:45.394+0000"},"previousState":{"value":"OK","reason":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:SuppressionDemo.EventBridge.Main was created and its alarm rule evaluates to OK","reasonData":"{\"triggeringAlarms\":[{\"arn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:TotalNetworkTrafficTooHigh\",\"state\":{\"value\":\"OK\",\"timestamp\":\"2022-07-14T16:28:57.770+0000\"}},{\"arn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh\",\"state\":{\"value\":\"OK\",\"timestamp\":\"2022-07-14T16:28:54.191+0000\"}}]}","timestamp":"2022-07-22T15:56:14.552+0000"},"configuration":{"alarmRule":"ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)","actionsSuppressor":"ServiceMaintenanceAlarm","actionsSuppressorWaitPeriod":120,"actionsSuppressorExtensionPeriod":180}}}'
exit "$DISAGREE"
