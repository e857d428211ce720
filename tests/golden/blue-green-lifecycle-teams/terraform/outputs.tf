output "sns_topic_arn" {
  description = "The topic the rule publishes to"
  value       = aws_sns_topic.chatops.arn
}

output "rule_codedeploy_bluegreen_start_arn" {
  description = "The EventBridge rule codedeploy-bluegreen-start"
  value       = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_start.arn
}

output "rule_codedeploy_bluegreen_ready_arn" {
  description = "The EventBridge rule codedeploy-bluegreen-ready"
  value       = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_ready.arn
}

output "rule_codedeploy_bluegreen_done_arn" {
  description = "The EventBridge rule codedeploy-bluegreen-done"
  value       = aws_cloudwatch_event_rule.rule_codedeploy_bluegreen_done.arn
}

output "log_codedeploy_bluegreen_start_group_name" {
  description = "The log group of matched events (replay them with chatops replay)"
  value       = aws_cloudwatch_log_group.log_codedeploy_bluegreen_start.name
}

output "log_codedeploy_bluegreen_ready_group_name" {
  description = "The log group of matched events (replay them with chatops replay)"
  value       = aws_cloudwatch_log_group.log_codedeploy_bluegreen_ready.name
}

output "log_codedeploy_bluegreen_done_group_name" {
  description = "The log group of matched events (replay them with chatops replay)"
  value       = aws_cloudwatch_log_group.log_codedeploy_bluegreen_done.name
}

output "channel_role_arn" {
  description = "The role channel members' commands run with"
  value       = aws_iam_role.channel.arn
}

output "channel_configuration_arn" {
  description = "The Microsoft Teams channel configuration"
  value       = awscc_chatbot_microsoft_teams_channel_configuration.channel.arn
}

output "custom_action_arns" {
  description = "Custom action ARNs by action name"
  value = {
    SwitchTasks        = awscc_chatbot_custom_action.switch_tasks.custom_action_arn
    RollbackDeployment = awscc_chatbot_custom_action.rollback_deployment.custom_action_arn
    TerminateOldTask   = awscc_chatbot_custom_action.terminate_old_task.custom_action_arn
  }
}
