#!/usr/bin/env python3
import aws_cdk as cdk

from blue_green_lifecycle_one_thread_per_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "blue-green-lifecycle-one-thread-per")
app.synth()
