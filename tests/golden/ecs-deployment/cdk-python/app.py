#!/usr/bin/env python3
import aws_cdk as cdk

from ecs_deployment_progress_failure_and_the_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "ecs-deployment-progress-failure-and-the")
app.synth()
