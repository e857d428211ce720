#!/usr/bin/env python3
import aws_cdk as cdk

from deployment_status_thread_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "deployment-status-thread")
app.synth()
